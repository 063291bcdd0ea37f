import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createAppApiClient } from '../shared/app-api/app-api-client';
import { ApiContext } from './api/api-context';
import { chooseTransport } from './api/choose-transport';
import { App } from './components/app';
import { createAppStore } from './store/app-store';
import { StoreContext } from './store/store-context';

const root = createRoot(document.getElementById('root') as HTMLElement);

chooseTransport().then(
  (transport) => {
    const api = createAppApiClient(transport);
    const store = createAppStore(api);
    void store.start();
    root.render(
      <StrictMode>
        <ApiContext value={api}>
          <StoreContext value={store}>
            <App />
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
