// Package drive is a stub of google.golang.org/api/drive/v3.
package drive

import (
	"context"

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

type FilesService struct{}

type FilesListCall struct{}

type FileList struct{}

func (r *FilesService) List() *FilesListCall { return &FilesListCall{} }

func (c *FilesListCall) Do() (*FileList, error) { return nil, nil }
