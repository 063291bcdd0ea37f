import type { StateCreator } from 'zustand';
import type { AllSlices } from './slices';

/** The sections of the organization area. */
export type AdminSection = 'structure' | 'members' | 'invitations' | 'api-keys' | 'plan' | 'audit' | 'server';

export interface AdminSlice {
  adminSection: AdminSection;
  /** The workgroup whose page is shown when the main view is `workgroup`. */
  selectedWorkgroupId: string | null;
  openOrganization(section?: AdminSection): void;
  openWorkgroup(workgroupId: string): void;
}

export const createAdminSlice: StateCreator<AllSlices, [], [], AdminSlice> = (set) => ({
  adminSection: 'members',
  selectedWorkgroupId: null,
  openOrganization(section) {
    set(section === undefined ? { mainView: 'organization' } : { mainView: 'organization', adminSection: section });
  },
  openWorkgroup(workgroupId) {
    set({ mainView: 'workgroup', selectedWorkgroupId: workgroupId });
  },
});
