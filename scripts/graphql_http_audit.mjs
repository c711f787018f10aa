// The GraphQL-over-HTTP audit of the graphql-http package, run against a hub.
//   node scripts/graphql_http_audit.mjs URL TOKEN   (scripts/graphql-http-audit installs it)
// Every request carries the bearer token: the hub answers nothing to an anonymous caller.
import { auditServer } from 'graphql-http';

const [url, token] = process.argv.slice(2);
if (!url || !token) {
  console.error('usage: graphql_http_audit.mjs URL TOKEN');
  process.exit(2);
}
const fetchFn = (input, init = {}) => {
  const headers = new Headers(init.headers || {});
  headers.set('Authorization', `Bearer ${token}`);
  return fetch(input, { ...init, headers });
};
const results = await auditServer({ url, fetchFn });
let passed = 0;
for (const result of results) {
  if (result.status === 'ok') passed++;
  else console.log(`${result.status}\t${result.id}\t${result.name}\t${result.reason}`);
}
console.log(`graphql-http audit: ${passed} of ${results.length} checks passed`);
process.exit(passed === results.length ? 0 : 1);
