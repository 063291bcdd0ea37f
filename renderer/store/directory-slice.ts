import type { StateCreator } from 'zustand';
import { accessNoticeOf } from '../lib/access-notice';
import { sortedByName } from '../lib/by-name';
import type { AllSlices, DirectorySlice, SliceDeps } from './slices';

export const createDirectorySlice =
  ({ api }: SliceDeps): StateCreator<AllSlices, [], [], DirectorySlice> =>
  (set, get) => ({
    organization: null,
    projects: [],
    workgroups: [],
    users: [],
    roles: { orgRole: null, projects: {}, workgroups: {} },
    accessNotice: null,
    dismissAccessNotice() {
      set({ accessNotice: null });
    },
    selectedProjectId: null,
    projectTab: 'chat',
    mainView: 'project',
    knowledgeTarget: null,
    registryTarget: null,
    setMainView(view) {
      set({ mainView: view, knowledgeTarget: null, registryTarget: null });
    },
    openRegistryEntry(kind, id) {
      set({ mainView: kind === 'model' ? 'models' : 'agents', registryTarget: { kind, id } });
    },
    openKnowledgeDocument(knowledgeBaseId, documentId) {
      set({ mainView: 'knowledge', knowledgeTarget: { knowledgeBaseId, documentId } });
    },
    async refreshDirectory() {
      const [organizations, projects, workgroups, users, roles] = await Promise.all([
        api['directory.list']({ kind: 'organization' }),
        api['directory.list']({ kind: 'project' }),
        api['directory.list']({ kind: 'workgroup' }),
        api['directory.list']({ kind: 'user' }),
        api['directory.myRoles']({}),
      ]);
      // The replica holds entities main parsed with their schemas when they arrived.
      const projectList = projects.ok ? sortedByName(projects.value.items) : get().projects;
      const orgId = get().session?.organization?.id;
      const before = get();
      // Roles held before (a signed-in person always has an organization role) that changed now are told.
      const notice = roles.ok && before.roles.orgRole !== null ? accessNoticeOf(before.roles, roles.value, (id) => [...before.projects, ...projectList].find((p) => p.id === id)?.name) : null;
      if (notice !== null) set({ accessNotice: notice });
      set({
        organization: organizations.ok ? (organizations.value.items.find((o) => o.id === orgId) ?? null) : get().organization,
        projects: projectList,
        workgroups: workgroups.ok ? sortedByName(workgroups.value.items) : get().workgroups,
        users: users.ok ? users.value.items : get().users,
        roles: roles.ok ? roles.value : get().roles,
      });
      const selected = get().selectedProjectId;
      if (selected === null || !projectList.some((p) => p.id === selected)) {
        const first = projectList.find((p) => p.isDefault) ?? projectList[0];
        // Chosen for the person, not by them: the view they are on (the organization's, say) stays.
        if (first !== undefined) {
          set({ selectedProjectId: first.id, projectTab: 'chat' });
          void get().openProject(first.id);
        }
      }
    },
    selectProject(projectId) {
      set({ mainView: 'project' });
      if (get().selectedProjectId === projectId) return;
      set({ selectedProjectId: projectId, projectTab: 'chat' });
      void get().openProject(projectId);
    },
    setProjectTab(tab) {
      set({ projectTab: tab });
    },
  });
