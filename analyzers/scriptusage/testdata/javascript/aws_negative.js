// await client.send(new PutObjectCommand({}));
const msg = "new PutObjectCommand({ Bucket })";
class PutObjectCommand {}
new PutObjectCommand();
/* new DeleteObjectCommand()
   process.env.BLOCK_COMMENT_TOKEN */
const re = /new PutObjectCommand\(process.env.REGEX_TOKEN/;
const half = total / 2; const t = `new PutObjectCommand(${x}) process.env.TEMPLATE_TEXT_TOKEN`;
const s3 = makeClient();
s3.deleteObject({ Bucket: "b" });
