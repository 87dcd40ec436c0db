import { useEffect, useState } from 'react';

/** The console's pages; their paths live under /console (every deep link serves index.html). */
export type Route = { page: 'list' } | { page: 'new' } | { page: 'edit'; id: string } | { page: 'status'; id: string };

const BASE = '/console';

export function routeOf(pathname: string): Route {
  const path = pathname.startsWith(BASE) ? pathname.slice(BASE.length) : pathname;
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'new') return { page: 'new' };
  if (parts[0] === 'messages' && parts[1]) return parts[2] === 'edit' ? { page: 'edit', id: parts[1] } : { page: 'status', id: parts[1] };
  return { page: 'list' };
}

export function pathOf(route: Route): string {
  switch (route.page) {
    case 'list':
      return `${BASE}/`;
    case 'new':
      return `${BASE}/new`;
    case 'edit':
      return `${BASE}/messages/${encodeURIComponent(route.id)}/edit`;
    case 'status':
      return `${BASE}/messages/${encodeURIComponent(route.id)}`;
  }
}

export function navigate(route: Route, replace = false): void {
  const path = pathOf(route);
  if (replace) window.history.replaceState(null, '', path);
  else window.history.pushState(null, '', path);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

/** The current route, following the browser's history. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => routeOf(window.location.pathname));
  useEffect(() => {
    const update = () => setRoute(routeOf(window.location.pathname));
    window.addEventListener('popstate', update);
    return () => window.removeEventListener('popstate', update);
  }, []);
  return route;
}
