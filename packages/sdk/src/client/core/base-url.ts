/**
 * The API's origin as the client joins paths to it: `https://api.example.com/v1/` and
 * `https://api.example.com` both become `https://api.example.com`, since every path starts with
 * `/v1` (a `/v1` left on gave `/v1/v1/leads`, a 404). A URL without a scheme is refused at once:
 * fetch would reject every call with a retried "fetch failed" instead.
 */
export function normalizeBaseUrl(baseUrl: string): string {
  if (!/^https?:\/\//i.test(baseUrl)) {
    throw new TypeError(
      `HiddenKey: \`baseUrl\` must start with http:// or https://, got "${baseUrl}" (e.g. "https://${baseUrl.replace(/^\/+/, '')}")`,
    );
  }
  return baseUrl.replace(/\/+$/, '').replace(/\/v1$/i, '');
}
