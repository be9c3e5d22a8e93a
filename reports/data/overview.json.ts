import { emitPageData } from "../../src/site/context.ts";
import { overviewData } from "../../src/site/overview.ts";

await emitPageData(overviewData);
