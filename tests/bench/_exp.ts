import { AtelierTarget, ReferenceTarget } from './targets'
import { SHAPES } from './_shapes_exp'
process.setMaxListeners(0)
for (const t of [new AtelierTarget(), new ReferenceTarget()]) {
  await t.start()
  const r = await SHAPES[2]!.run(t, { seconds: 15 })
  console.log(`== ${t.label} clients=${process.env.EXP_CLIENTS}`)
  console.log(r.columns.map((c) => c.join(': ')).join('\n'), '\nsaturated:', r.saturated)
  await t.stop()
  if (t instanceof AtelierTarget) t.cleanup()
}
process.exit(0)
