/**
 * Microsoft Translator v3 stand-in, from learn.microsoft.com (Translator
 * v3.0 reference): POST /translate?api-version=3.0&from=&to=&textType= with
 * Ocp-Apim-Subscription-Key (+ -Region for regional resources), body
 * [{Text}] → [{translations:[{text, to}]}]; dynamic dictionary markup
 * `<mstrans:dictionary translation="x">y</mstrans:dictionary>` yields x.
 * Errors {error:{code, message}}: 401000 bad key, 429001 rate, 403001 quota.
 */
import { startStub, type Stub } from "./server";

export async function startAzure(key: string, region: string): Promise<Stub> {
  return startStub((req) => {
    if (req.headers["ocp-apim-subscription-key"] !== key) return { status: 401, body: { error: { code: 401000, message: "The request is not authorized because credentials are missing or invalid." } } };
    if (req.headers["ocp-apim-subscription-region"] !== region) return { status: 401, body: { error: { code: 401015, message: "The region of the subscription is missing or wrong." } } };
    if (req.method !== "POST" || req.path !== "/translate") return { status: 404, body: { error: { code: 404001, message: "The requested resource was not found." } } };
    if (req.query.get("api-version") !== "3.0") return { status: 400, body: { error: { code: 400021, message: "The API version parameter is missing or invalid." } } };
    const to = req.query.get("to");
    if (!to || !Array.isArray(req.body)) return { status: 400, body: { error: { code: 400036, message: "The target language is not valid." } } };
    return {
      status: 200,
      body: (req.body as { Text: string }[]).map((item) => ({
        translations: [{ text: `[${to}] ${item.Text.replace(/<mstrans:dictionary translation="([^"]*)">[^<]*<\/mstrans:dictionary>/g, "$1")}`, to }],
      })),
    };
  });
}
