import { emitPageData } from "../../src/site/context.ts";
import { exitsData } from "../../src/site/exits.ts";

await emitPageData(exitsData);
