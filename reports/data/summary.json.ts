import { emitPageData } from "../../src/site/context.ts";
import { summaryData } from "../../src/site/summary.ts";

await emitPageData(summaryData);
