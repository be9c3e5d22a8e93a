import { emitPageData } from "../../src/site/context.ts";
import { planData } from "../../src/site/plan.ts";

await emitPageData(planData);
