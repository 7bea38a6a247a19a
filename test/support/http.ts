/** Small fetch wrappers for the specs: the status, headers and parsed JSON body of a request. */
export interface Answer<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

export async function request<T = Record<string, unknown>>(url: string, init?: RequestInit): Promise<Answer<T>> {
  const response = await fetch(url, init);
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: (text ? JSON.parse(text) : null) as T };
}

export function postJson<T = Record<string, unknown>>(url: string, body: unknown): Promise<Answer<T>> {
  return request<T>(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

export const previewUrl = (baseUrl: string, url: string, wait?: number) =>
  `${baseUrl}/v1/previews?url=${encodeURIComponent(url)}${wait === undefined ? '' : `&wait=${wait}`}`;
