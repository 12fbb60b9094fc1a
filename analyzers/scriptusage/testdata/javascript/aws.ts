import { S3Client, PutObjectCommand, GetObjectCommand, paginateListObjectsV2, S3 } from "@aws-sdk/client-s3";
import * as ddb from "@aws-sdk/client-dynamodb";
const { SQSClient, SendMessageCommand: Send } = require("@aws-sdk/client-sqs");

const client: S3Client = new S3Client({ region: process.env.AWS_REGION });
await client.send(new PutObjectCommand({ Bucket: "b", Key: "k" }));
const out = await client.send(new GetObjectCommand({ Bucket: "b", Key: "k" }));
for await (const page of paginateListObjectsV2({ client }, { Bucket: "b" })) {}
await new ddb.DynamoDBClient({}).send(new ddb.PutItemCommand({ TableName: "t", Item: {} }));
const sqs = new SQSClient({});
await sqs.send(new Send({ QueueUrl: "q", MessageBody: "m" }));
const s3 = new S3({});
await s3.deleteObject({ Bucket: "b", Key: "k" });
