package githubops

// SetRoutes replaces the route table for a test and returns the restore.
func SetRoutes(f func(service, method string) []string) (restore func()) {
	saved := routes
	routes = f
	return func() { routes = saved }
}
