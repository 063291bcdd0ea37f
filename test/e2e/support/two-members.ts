import type { Browser, Page } from '@playwright/test';
import type { TestServer } from '../../unit/sync-server/support/test-server';
import { password } from '../../unit/sync-server/support/world';
import type { World } from '../../unit/sync-server/support/world';
import type { QuorumApp, QuorumAppOptions } from './quorum-app';
import { signInThroughUi } from './sign-in';

export interface TwoMembers {
  readonly owner: Page;
  readonly member: Page;
  /** Closes both browser contexts; the apps close with the test. */
  close(): Promise<void>;
}

/** The world's owner and member, each in their own app and browser context, signed in on the test's server. */
export async function signInOwnerAndMember(
  server: TestServer,
  world: World,
  launchApp: (options?: Partial<QuorumAppOptions>) => Promise<QuorumApp>,
  browser: Browser,
): Promise<TwoMembers> {
  const [ownerApp, memberApp] = await Promise.all([launchApp({ embeddedUrl: null }), launchApp({ embeddedUrl: null })]);
  const contexts = [await browser.newContext(), await browser.newContext()] as const;
  const owner = await contexts[0].newPage();
  const member = await contexts[1].newPage();
  await owner.goto(ownerApp.url);
  await signInThroughUi(owner, server.url, world.actors.owner.email, password);
  await member.goto(memberApp.url);
  await signInThroughUi(member, server.url, world.actors.member.email, password);
  return {
    owner,
    member,
    async close() {
      for (const context of contexts) await context.close();
    },
  };
}
