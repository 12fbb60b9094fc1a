import OpenAI from "openai";

process.env.GROQ_API_KEY = "{{fake:generic:4}}";
const openai = new OpenAI({ apiKey: "{{fake:generic:5}}", dangerouslyAllowBrowser: true });
