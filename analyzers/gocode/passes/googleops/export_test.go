package googleops

// SetCallMethod replaces the call type table for a test and returns the restore.
func SetCallMethod(f func(importPath, callType string) (string, bool)) (restore func()) {
	saved := callMethod
	callMethod = f
	return func() { callMethod = saved }
}
