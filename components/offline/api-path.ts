/** The API's requests (`/v1/...`, wherever the server is mounted): never cached, since the data live in IndexedDB. */
export const isApiPath = (pathname: string): boolean => /(^|\/)v1(\/|$)/.test(pathname);
