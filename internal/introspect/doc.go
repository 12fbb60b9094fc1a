// Package introspect reads what a credential value says about itself: when it
// was issued, when it expires and what it may do. A JWT carries exp and scope
// claims, an Azure SAS its permissions and expiry in the query string, a
// client certificate its NotAfter and groups. The secrets analyzer uses these
// facts to tell a ten-year service_role key from a one-hour token, and a
// public-by-design anon key from a secret.
//
// Everything here is offline: no decoder ever makes a network call, so a fact
// is what the value claims, not what the issuer would say today (a token may
// have been revoked, a stored access policy changed).
//
// The decoders read untrusted input. They bound their work (MaxInputSize, a
// JSON depth limit), never panic, and never copy secret material (signatures,
// key bytes, unknown long claim values) into Facts or into their errors.
package introspect
