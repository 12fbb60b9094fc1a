const client = makeClient();
client.chat.postMessage({ channel: "#ci" }); // not a WebClient
const openai = { chat: { completions: { create() {} } } };
openai.chat.completions.create({});
const text = "process.env.STRING_TOKEN";
export const Note = () => <p>Don't call process.env.JSX_TEXT_TOKEN here</p>;
const after = process.env.AFTER_JSX_TOKEN;
