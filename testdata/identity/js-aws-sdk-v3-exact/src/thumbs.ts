import { S3Client, GetObjectCommand, PutObjectCommand } from "@aws-sdk/client-s3";

const client = new S3Client({
  credentials: {
    accessKeyId: process.env.THUMBS_AWS_KEY_ID!,
    secretAccessKey: process.env.THUMBS_AWS_SECRET!,
  },
});

export async function thumbnail(key: string): Promise<void> {
  const original = await client.send(new GetObjectCommand({ Bucket: "media", Key: key }));
  await client.send(new PutObjectCommand({ Bucket: "media", Key: `thumbs/${key}`, Body: original.Body }));
}
