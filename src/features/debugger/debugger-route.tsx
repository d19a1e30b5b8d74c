export function Component() {
  return (
    <section>
      <title>Token editor · Token Workbench</title>
      <h1>Token editor</h1>
    </section>
  );
}
