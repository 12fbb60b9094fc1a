// Package awsops defines an Analyzer that lists the AWS API operations a Go
// program calls through aws-sdk-go-v2.
//
// # Analyzer awsops
//
// awsops: report AWS operations called through aws-sdk-go-v2
//
// An operation is a method call whose name is the operation and whose
// second parameter is a pointer to the operation's input type declared in a
// service package, github.com/aws/aws-sdk-go-v2/service/<service>:
//
//	client.PutObject(ctx, &s3.PutObjectInput{...})  // s3:PutObject
//
// The rule holds for the service clients, for interfaces a program declares
// over them (mocks), and for the presign clients' Presign<Op> methods.
// s3.NewListObjectsV2Paginator counts as ListObjectsV2; the S3 transfer
// manager's Uploader.Upload as PutObject and the multipart operations it may
// use instead, Downloader.Download as GetObject. Methods such as Options are
// not operations: they take no input type.
//
// Each operation is a usage.Operation fact {aws, <service id>, <Op>}, the
// service id as scopes.AWSGoService names it, or else the package name.
package awsops
