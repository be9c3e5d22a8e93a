import { emitPageData } from "../../src/site/context.ts";
import { qualityData } from "../../src/site/quality.ts";

await emitPageData(qualityData);
