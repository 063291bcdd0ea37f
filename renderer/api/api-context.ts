import { createContext, useContext } from 'react';
import type { AppApiClient } from '../../shared/app-api/app-api-types';

/** For views that ask main something once (search, members, settings) without keeping it in the store. */
export const ApiContext = createContext<AppApiClient | null>(null);

export function useApi(): AppApiClient {
  const api = useContext(ApiContext);
  if (api === null) throw new Error('useApi needs the ApiContext provider');
  return api;
}
