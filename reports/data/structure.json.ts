import { emitPageData } from "../../src/site/context.ts";
import { structureData } from "../../src/site/structure.ts";

await emitPageData(structureData);
