import type { Migration } from '../migration';

/** The directory: organizations, accounts, workgroups, projects, registries, audit and change feed. */
export const createDirectory: Migration = {
  version: 1,
  name: 'create-directory',
  up(db) {
    db.exec(`
      CREATE TABLE organizations (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        slug TEXT NOT NULL UNIQUE,
        plan TEXT NOT NULL,
        created_at TEXT NOT NULL
      );

      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        email TEXT NOT NULL UNIQUE,
        display_name TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('person', 'service')),
        password_hash TEXT,
        created_at TEXT NOT NULL
      );

      CREATE TABLE org_members (
        org_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'member')),
        created_at TEXT NOT NULL,
        PRIMARY KEY (org_id, user_id)
      );
      CREATE INDEX org_members_by_user ON org_members(user_id);

      CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        org_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        revoked_at TEXT
      );
      CREATE INDEX sessions_by_user ON sessions(user_id);

      CREATE TABLE api_keys (
        id TEXT PRIMARY KEY,
        org_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        prefix TEXT NOT NULL,
        secret_hash TEXT NOT NULL,
        created_at TEXT NOT NULL,
        last_used_at TEXT,
        expires_at TEXT,
        revoked_at TEXT
      );
      CREATE INDEX api_keys_by_user ON api_keys(org_id, user_id);

      CREATE TABLE invitations (
        id TEXT PRIMARY KEY,
        org_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        email TEXT NOT NULL,
        target_kind TEXT NOT NULL CHECK (target_kind IN ('organization', 'workgroup', 'project')),
        target_id TEXT NOT NULL,
        role TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'revoked')),
        invited_by TEXT NOT NULL REFERENCES users(id),
        created_at TEXT NOT NULL,
        resolved_at TEXT
      );
      CREATE INDEX invitations_by_email ON invitations(email, status);

      CREATE TABLE workgroups (
        id TEXT PRIMARY KEY,
        org_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        settings TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX workgroups_by_org ON workgroups(org_id);

      CREATE TABLE workgroup_members (
        workgroup_id TEXT NOT NULL REFERENCES workgroups(id) ON DELETE CASCADE,
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        role TEXT NOT NULL CHECK (role IN ('owner', 'editor', 'member', 'viewer')),
        created_at TEXT NOT NULL,
        PRIMARY KEY (workgroup_id, user_id)
      );
      CREATE INDEX workgroup_members_by_user ON workgroup_members(user_id);

      CREATE TABLE projects (
        id TEXT PRIMARY KEY,
        org_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        canonical_name TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        metadata TEXT NOT NULL DEFAULT '{}',
        default_model_id TEXT,
        is_default INTEGER NOT NULL DEFAULT 0,
        primary_workgroup_id TEXT REFERENCES workgroups(id) ON DELETE SET NULL,
        config TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (org_id, canonical_name)
      );

      CREATE TABLE project_workgroups (
        project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        workgroup_id TEXT NOT NULL REFERENCES workgroups(id) ON DELETE CASCADE,
        added_at TEXT NOT NULL,
        PRIMARY KEY (project_id, workgroup_id)
      );
      CREATE INDEX project_workgroups_by_workgroup ON project_workgroups(workgroup_id);

      CREATE TABLE project_members (
        project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        role TEXT NOT NULL CHECK (role IN ('owner', 'editor', 'member', 'viewer')),
        created_at TEXT NOT NULL,
        PRIMARY KEY (project_id, user_id)
      );
      CREATE INDEX project_members_by_user ON project_members(user_id);

      CREATE TABLE models (
        id TEXT PRIMARY KEY,
        org_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        owner_id TEXT NOT NULL REFERENCES users(id),
        name TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        provider TEXT NOT NULL,
        badges TEXT NOT NULL DEFAULT '[]',
        visibility_level TEXT NOT NULL CHECK (visibility_level IN ('private', 'project', 'workgroup', 'public')),
        visibility_scope_id TEXT,
        current_version_id TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX models_by_org ON models(org_id);

      CREATE TABLE model_versions (
        id TEXT PRIMARY KEY,
        model_id TEXT NOT NULL REFERENCES models(id) ON DELETE CASCADE,
        version TEXT NOT NULL,
        checksum TEXT NOT NULL,
        training_metadata TEXT NOT NULL DEFAULT '{}',
        parent_model_id TEXT,
        parent_version_id TEXT,
        benchmarks TEXT NOT NULL DEFAULT '{}',
        created_at TEXT NOT NULL,
        UNIQUE (model_id, version)
      );

      CREATE TABLE agents (
        id TEXT PRIMARY KEY,
        org_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        owner_id TEXT NOT NULL REFERENCES users(id),
        project_id TEXT REFERENCES projects(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        system_prompt TEXT NOT NULL DEFAULT '',
        tools TEXT NOT NULL DEFAULT '[]',
        examples TEXT NOT NULL DEFAULT '[]',
        model_id TEXT,
        visibility_level TEXT NOT NULL CHECK (visibility_level IN ('private', 'project', 'workgroup', 'public')),
        visibility_scope_id TEXT,
        status TEXT NOT NULL CHECK (status IN ('active', 'retired')),
        version INTEGER NOT NULL DEFAULT 1,
        forked_from_agent_id TEXT,
        forked_from_version INTEGER,
        is_default INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX agents_by_org ON agents(org_id);

      CREATE TABLE agent_runs (
        id TEXT PRIMARY KEY,
        org_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        agent_id TEXT NOT NULL,
        project_id TEXT NOT NULL,
        conversation_id TEXT,
        model_id TEXT,
        run_by TEXT NOT NULL,
        started_at TEXT NOT NULL,
        duration_ms INTEGER NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('ok', 'error', 'cancelled')),
        tool_calls TEXT NOT NULL DEFAULT '{}',
        rating REAL
      );
      CREATE INDEX agent_runs_by_agent ON agent_runs(agent_id);

      CREATE TABLE conversations (
        id TEXT PRIMARY KEY,
        org_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
        title TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('shared', 'personal')),
        created_by TEXT NOT NULL REFERENCES users(id),
        created_at TEXT NOT NULL
      );
      CREATE INDEX conversations_by_project ON conversations(project_id);

      CREATE TABLE audit_events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        id TEXT NOT NULL UNIQUE,
        org_id TEXT NOT NULL,
        -- Position in the organization's own chain, from 1: what an export shows as seq.
        org_seq INTEGER NOT NULL,
        actor_id TEXT,
        action TEXT NOT NULL,
        resource_kind TEXT NOT NULL,
        resource_id TEXT,
        project_id TEXT,
        at TEXT NOT NULL,
        outcome TEXT NOT NULL CHECK (outcome IN ('allowed', 'denied', 'failed')),
        detail TEXT,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL,
        UNIQUE (org_id, org_seq)
      );
      CREATE INDEX audit_events_by_project ON audit_events(project_id, seq);

      -- The newest event of each organization's chain, so that cutting rows off the end is detected.
      CREATE TABLE audit_heads (
        org_id TEXT PRIMARY KEY,
        org_seq INTEGER NOT NULL,
        hash TEXT NOT NULL
      );

      CREATE TABLE changes (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        org_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        user_id TEXT,
        at TEXT NOT NULL
      );
      CREATE INDEX changes_by_org ON changes(org_id, seq);

      -- What each replica (a user's device) holds, so tombstones go only to replicas given the entity.
      CREATE TABLE replica_grants (
        user_id TEXT NOT NULL,
        replica_id TEXT NOT NULL,
        org_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        PRIMARY KEY (user_id, replica_id, org_id, kind, entity_id)
      );
    `);
  },
};
