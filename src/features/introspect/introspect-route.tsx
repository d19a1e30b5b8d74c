export function Component() {
  return (
    <section>
      <title>Introspection · Token Workbench</title>
      <h1>Introspection</h1>
    </section>
  );
}
