const Stripe = require("stripe");
const stripe = new Stripe(process.env.STRIPE_API_KEY);

module.exports = async function charge(customer, amount) {
  return stripe.paymentIntents.create({ customer, amount, currency: "eur" });
};
