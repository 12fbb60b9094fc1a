package slackops

// SetMethods replaces the method table for a test and returns the restore.
func SetMethods(f func(method string) []string) (restore func()) {
	saved := methods
	methods = f
	return func() { methods = saved }
}
