import { WebClient } from "@slack/web-api";
import OpenAI from "openai";
import Anthropic from "@anthropic-ai/sdk";
import axios from "axios";

const web = new WebClient(process.env.NOTIFY_TOKEN);
await web.chat.postMessage({ channel: "#ci", text: "done" });
await web.apiCall("reactions.add", {});
const openai = new OpenAI({ apiKey: process.env["OPENAI_API_KEY"] });
await openai.chat.completions.create({ model: "m", messages: [] });
const anthropic = new Anthropic();
await anthropic.messages.countTokens({ model: "m", messages: [] });
const { STRIPE_SECRET_KEY, SLACK_SIGNING_SECRET: signing, PORT = "8080" } = process.env;
const key = Deno.env.get("ANTHROPIC_API_KEY");
const anon = import.meta.env.VITE_SUPABASE_ANON_KEY;
const maybe = process.env?.OPTIONAL_TOKEN;
await axios.post("https://slack.com/api/chat.update", {});
process.env.WRITTEN_TOKEN = "x";
