// Package nested is a module inside the scanned directory.
package nested

import "os"

func Token() string { return os.Getenv("NESTED_API_TOKEN") }
