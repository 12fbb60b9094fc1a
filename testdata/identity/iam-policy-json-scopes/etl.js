import { S3Client, GetObjectCommand, ListObjectsV2Command } from "@aws-sdk/client-s3";

const s3 = new S3Client({
  credentials: { accessKeyId: process.env.ETL_AWS_KEY_ID, secretAccessKey: process.env.ETL_AWS_SECRET },
});

const listing = await s3.send(new ListObjectsV2Command({ Bucket: "raw" }));
for (const obj of listing.Contents ?? []) {
  await s3.send(new GetObjectCommand({ Bucket: "raw", Key: obj.Key }));
}
