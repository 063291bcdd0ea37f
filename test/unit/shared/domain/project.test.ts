import { describe, expect, it } from 'vitest';
import {
  MetadataKey,
  Project,
  ProjectCreate,
  ProjectMetadata,
  ProjectPatch,
  ProjectUpdate,
} from '../../../../shared/domain/project';
import { created, expectUnknownFieldRefused, id, invalid, later, valid } from './fixtures';

const project = {
  id: id('prj'),
  orgId: id('org'),
  name: 'Search quality',
  canonicalName: 'search-quality',
  description: 'Ranking experiments',
  metadata: { team: 'search', 'cost-centre': 4711, confidential: false },
  defaultModelId: id('mdl'),
  isDefault: false,
  primaryWorkgroupId: id('wg', 1),
  sharedWorkgroupIds: [id('wg', 2), id('wg', 3)],
  createdAt: created,
  updatedAt: later,
};

const { id: _id, orgId: _orgId, isDefault: _isDefault, createdAt: _c, updatedAt: _u, ...editable } = project;

describe('Project', () => {
  it('parses a valid project', () => {
    expect(valid(Project, project)).toEqual(project);
  });

  it('parses the default project, outside any workgroup', () => {
    const defaultProject = {
      ...project,
      name: 'Default',
      canonicalName: 'default',
      metadata: {},
      defaultModelId: null,
      isDefault: true,
      primaryWorkgroupId: null,
      sharedWorkgroupIds: [],
    };
    expect(valid(Project, defaultProject)).toEqual(defaultProject);
  });

  it('refuses unknown fields', () => {
    expectUnknownFieldRefused(Project, project);
  });

  it('refuses a bad canonical name and names the field', () => {
    expect(invalid(Project, { ...project, canonicalName: 'Search Quality' }).field).toBe('canonicalName');
  });

  it('refuses sharing into the primary workgroup', () => {
    expect(invalid(Project, { ...project, sharedWorkgroupIds: [id('wg', 2), id('wg', 1)] })).toEqual({
      field: 'sharedWorkgroupIds.1',
      message: 'must not include the primary workgroup',
    });
  });

  it('refuses sharing into the same workgroup twice', () => {
    expect(invalid(Project, { ...project, sharedWorkgroupIds: [id('wg', 2), id('wg', 2)] }).field).toBe(
      'sharedWorkgroupIds.1',
    );
  });
});

describe('MetadataKey', () => {
  it.each(['team', 'cost-centre', 'ticket_id', '2025q1', 'a'.repeat(64)])('accepts %s', (key) => {
    expect(valid(MetadataKey, key)).toBe(key);
  });

  it.each(['', 'Team', '-team', '_private', '__proto__', 'has space', 'dot.ted', 'a'.repeat(65)])(
    'refuses %j',
    (key) => {
      expect(MetadataKey.safeParse(key).success).toBe(false);
    },
  );
});

describe('ProjectMetadata', () => {
  it('takes strings, numbers and booleans', () => {
    const metadata = { team: 'search', budget: 12.5, active: true };
    expect(valid(ProjectMetadata, metadata)).toEqual(metadata);
  });

  it('names the key whose value is wrong', () => {
    expect(invalid(ProjectMetadata, { team: { lead: 'ann' } })).toEqual({
      field: 'team',
      message: 'must be a string (at most 1000 characters), a finite number or a boolean',
    });
  });

  it.each([null, [1], Number.POSITIVE_INFINITY, Number.NaN])('refuses the value %s', (value) => {
    expect(invalid(ProjectMetadata, { team: value }).field).toBe('team');
  });

  it('names a bad key and says why', () => {
    expect(invalid(ProjectMetadata, { 'Cost Centre': 1 })).toEqual({
      field: 'Cost Centre',
      message:
        'has an invalid key: must be 1 to 64 lowercase letters, digits, hyphens or underscores, starting with a letter or digit',
    });
  });

  it('accepts 50 keys and refuses 51', () => {
    const keys = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i]));
    expect(Object.keys(valid(ProjectMetadata, keys(50)))).toHaveLength(50);
    expect(invalid(ProjectMetadata, keys(51))).toEqual({ field: '', message: 'must have at most 50 keys' });
  });

  it('reports a metadata problem under the project field', () => {
    expect(invalid(Project, { ...project, metadata: { team: null } }).field).toBe('metadata.team');
  });
});

describe('ProjectCreate', () => {
  it('needs only a name and fills in the rest', () => {
    expect(valid(ProjectCreate, { name: 'Search quality' })).toEqual({
      name: 'Search quality',
      description: '',
      metadata: {},
      defaultModelId: null,
      primaryWorkgroupId: null,
      sharedWorkgroupIds: [],
    });
  });

  it('takes an explicit canonical name', () => {
    expect(valid(ProjectCreate, { name: 'Search', canonicalName: 'search-2' }).canonicalName).toBe('search-2');
  });

  it('refuses unknown fields', () => {
    expectUnknownFieldRefused(ProjectCreate, { name: 'Search' });
  });

  it('refuses isDefault, which only the server sets', () => {
    expect(invalid(ProjectCreate, { name: 'Search', isDefault: true })).toEqual({
      field: 'isDefault',
      message: 'unknown field',
    });
  });

  it('names a mistyped field rather than the field it was meant to be', () => {
    expect(invalid(ProjectCreate, { nmae: 'Search' })).toEqual({ field: 'nmae', message: 'unknown field' });
  });

  it('refuses sharing into the primary workgroup', () => {
    expect(
      invalid(ProjectCreate, {
        name: 'Search',
        primaryWorkgroupId: id('wg'),
        sharedWorkgroupIds: [id('wg')],
      }).message,
    ).toBe('must not include the primary workgroup');
  });
});

describe('ProjectUpdate', () => {
  it('parses every editable field', () => {
    expect(valid(ProjectUpdate, editable)).toEqual(editable);
  });

  it('requires every editable field', () => {
    const { description: _, ...withoutDescription } = editable;
    expect(invalid(ProjectUpdate, withoutDescription)).toEqual({ field: 'description', message: 'is required' });
  });

  it('refuses unknown fields and server-set fields', () => {
    expectUnknownFieldRefused(ProjectUpdate, editable);
    expect(invalid(ProjectUpdate, { ...editable, updatedAt: later }).field).toBe('updatedAt');
  });
});

describe('ProjectPatch', () => {
  it('takes any subset of the editable fields', () => {
    expect(valid(ProjectPatch, { description: 'New' })).toEqual({ description: 'New' });
    expect(valid(ProjectPatch, {})).toEqual({});
  });

  it('still checks the fields present', () => {
    expect(invalid(ProjectPatch, { canonicalName: 'a--b' }).field).toBe('canonicalName');
  });

  it('checks the workgroups when both are present', () => {
    expect(
      invalid(ProjectPatch, { primaryWorkgroupId: id('wg'), sharedWorkgroupIds: [id('wg')] }).field,
    ).toBe('sharedWorkgroupIds.0');
  });

  it('refuses unknown fields', () => {
    expectUnknownFieldRefused(ProjectPatch, { description: 'New' });
  });
});
