import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createAppApiClient } from '../shared/app-api/app-api-client';
import { ApiContext } from './api/api-context';
import { chooseTransport } from './api/choose-transport';
import { createRecentSignInPrompt, withRecentSignIn } from './api/recent-sign-in';
import { App } from './components/app';
import { RecentSignInContext } from './components/recent-sign-in-dialog';
import { createAppStore } from './store/app-store';
import { StoreContext } from './store/store-context';

const root = createRoot(document.getElementById('root') as HTMLElement);

chooseTransport().then(
  (transport) => {
    const prompt = createRecentSignInPrompt();
    const api = withRecentSignIn(createAppApiClient(transport), prompt);
    const store = createAppStore(api);
    void store.start();
    root.render(
      <StrictMode>
        <ApiContext value={api}>
          <StoreContext value={store}>
            <RecentSignInContext value={prompt}>
              <App />
            </RecentSignInContext>
          </StoreContext>
        </ApiContext>
      </StrictMode>,
    );
  },
  (error: unknown) => {
    root.render(
      <main className="splash" role="alert">
        {error instanceof Error ? error.message : 'Quorum could not start.'}
      </main>,
    );
  },
);
