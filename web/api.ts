/**
 * The pages' one way to the daemon: the token the page was opened with (`?token=`) goes on every
 * request and on the event stream, which is all the server accepts.
 */
const token = new URLSearchParams(location.search).get('token') ?? ''

/** a same-origin path with the page's token */
export function withToken (path: string): string {
  if (token === '') return path
  return `${path}${path.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}`
}

export async function getJson<T> (path: string): Promise<T> {
  const res = await fetch(withToken(path))
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`)
  return await res.json() as T
}
