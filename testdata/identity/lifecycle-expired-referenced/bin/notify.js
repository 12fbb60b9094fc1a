// Same hook from the Node side.
const token = process.env.LEGACY_WEBHOOK_TOKEN;
await fetch("https://hooks.example.com/notify", { method: "POST", headers: { Authorization: `Bearer ${token}` } });
