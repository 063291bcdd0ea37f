import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { AllSlices } from './slices';
import type { AppStore } from './app-store';

export const StoreContext = createContext<AppStore | null>(null);

/** Reads the store through a selector; components pass narrow ones (with `useShallow` for objects). */
export function useAppStore<T>(selector: (state: AllSlices) => T): T {
  const store = useContext(StoreContext);
  if (store === null) throw new Error('useAppStore needs the StoreContext provider');
  return useStore(store, selector);
}
