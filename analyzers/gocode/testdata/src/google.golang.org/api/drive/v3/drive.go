// Package drive is a test stub of google.golang.org/api/drive/v3.
package drive

import (
	"context"

	"google.golang.org/api/googleapi"
	"google.golang.org/api/option"
)

const (
	DriveScope         = "https://www.googleapis.com/auth/drive"
	DriveReadonlyScope = "https://www.googleapis.com/auth/drive.readonly"
)

type Service struct{ Files *FilesService }

func NewService(ctx context.Context, opts ...option.ClientOption) (*Service, error) {
	return &Service{Files: &FilesService{}}, nil
}

type FilesService struct{ s *Service }

type File struct{ Name string }
type FileList struct{ Files []*File }

type FilesListCall struct{}

func (r *FilesService) List() *FilesListCall { return &FilesListCall{} }

func (c *FilesListCall) PageSize(n int64) *FilesListCall { return c }

func (c *FilesListCall) Do(opts ...googleapi.CallOption) (*FileList, error) { return nil, nil }

func (c *FilesListCall) Pages(ctx context.Context, f func(*FileList) error) error { return nil }

type FilesGetCall struct{}

func (r *FilesService) Get(fileID string) *FilesGetCall { return &FilesGetCall{} }

func (c *FilesGetCall) Do(opts ...googleapi.CallOption) (*File, error) { return nil, nil }
