import { emitPageData } from "../../src/site/context.ts";
import { outlookData } from "../../src/site/outlook.ts";

await emitPageData(outlookData);
