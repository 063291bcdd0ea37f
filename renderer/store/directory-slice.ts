import type { StateCreator } from 'zustand';
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
        if (first !== undefined) get().selectProject(first.id);
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
