import { createContext, useContext } from 'react';
import type { ConsoleApi } from '../api/console-api.js';

export const ApiContext = createContext<ConsoleApi | null>(null);

export function useApi(): ConsoleApi {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi outside the console');
  return api;
}
