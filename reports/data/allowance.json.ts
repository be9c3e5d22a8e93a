import { emitPageData } from "../../src/site/context.ts";
import { allowanceData } from "../../src/site/allowance.ts";

await emitPageData(allowanceData);
