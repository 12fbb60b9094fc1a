// Package googleapi is a test stub of google.golang.org/api/googleapi.
package googleapi

type CallOption interface{ Get() (string, string) }
