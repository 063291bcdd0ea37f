import { NewProjectForm } from './new-project-form';
import { NewWorkgroupForm } from './new-workgroup-form';
import { OrganizationNameForm } from './organization-name-form';

/** The organization's shape: its name, and new workgroups and projects. Each workgroup and project is edited on its own page. */
export function StructurePanel() {
  return (
    <section className="panel admin-panel" aria-label="Structure">
      <OrganizationNameForm />
      <NewWorkgroupForm />
      <NewProjectForm />
    </section>
  );
}
