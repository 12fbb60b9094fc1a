package a

import (
	"context"
	"os"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/s3/manager"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// objectStore is the kind of interface programs declare to mock a client.
type objectStore interface {
	PutObject(context.Context, *s3.PutObjectInput, ...func(*s3.Options)) (*s3.PutObjectOutput, error)
}

func calls(ctx context.Context, cfg aws.Config, store objectStore) {
	client := s3.NewFromConfig(cfg)
	_ = client.Options()
	_, _ = client.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("b")}) // want `calls aws s3:GetObject \(\(\*s3.Client\).GetObject\)`
	_, _ = store.PutObject(ctx, &s3.PutObjectInput{})                         // want `calls aws s3:PutObject \(\(a.objectStore\).PutObject\)`

	p := s3.NewListObjectsV2Paginator(client, &s3.ListObjectsV2Input{}) // want `calls aws s3:ListObjectsV2 \(s3.NewListObjectsV2Paginator\)`
	for p.HasMorePages() {
		_, _ = p.NextPage(ctx)
	}

	presign := s3.NewPresignClient(client)
	_, _ = presign.PresignGetObject(ctx, &s3.GetObjectInput{}) // want `calls aws s3:GetObject`

	db := dynamodb.NewFromConfig(cfg)
	_, _ = db.GetItem(ctx, &dynamodb.GetItemInput{}) // want `calls aws dynamodb:GetItem`

	up := manager.NewUploader(client)
	_, _ = up.Upload(ctx, &s3.PutObjectInput{}) // want `calls aws s3:PutObject` `s3:CreateMultipartUpload` `s3:UploadPart` `s3:CompleteMultipartUpload` `s3:AbortMultipartUpload`

	_, _ = manager.NewDownloader(client).Download(ctx, os.Stdout, &s3.GetObjectInput{}) // want `calls aws s3:GetObject \(\(\*manager.Downloader\).Download\)`
}
