import { route } from "@/features/auth/server/route";
import { describeProviders } from "@/features/mt/server/service";
import { SOURCE_LANGUAGE, TARGET_LANGUAGE_CODES } from "@/lib/i18n/languages";

/** For admins: enabled MT providers, the languages each serves (or why not), and this month's usage. */
export const GET = route({
  access: "user.manage",
  handler: async ({ db }) => Response.json(await describeProviders(db, TARGET_LANGUAGE_CODES, SOURCE_LANGUAGE)),
});
