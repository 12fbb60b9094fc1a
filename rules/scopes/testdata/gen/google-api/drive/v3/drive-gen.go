package drive

func (c *FilesListCall) doRequest() {
	c.s.logger.DebugContext(c.ctx_, "api request", "serviceName", apiName, "rpcName", "drive.files.list", "request", nil)
}

func (c *FilesWatchCall) doRequest() {
	c.s.logger.DebugContext(c.ctx_, "api request", "serviceName", apiName, "rpcName", "drive.files.watch", "request", nil)
}

func (c *FilesLabelsGetCall) doRequest() {
	c.s.logger.DebugContext(c.ctx_, "api request", "serviceName", apiName, "rpcName", "drive.files.labels.get", "request", nil)
}
