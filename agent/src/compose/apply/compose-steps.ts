import type { ComposeStep, Progress } from "@/lib/protocol";

type StepStart = Omit<ComposeStep, "state" | "message"> & { message?: string };

/** One step under way: each change goes out live; the last state is what the result lists. */
export class RunningStep {
  constructor(
    private readonly step: ComposeStep,
    private readonly send: (step: ComposeStep) => void,
  ) {}

  /** A line of what the step is doing (a build or pull line). */
  note(message: string): void {
    this.step.message = message;
    this.send(this.step);
  }

  /** Over; with the last note (or the step's first words) unless a message is given. */
  done(message?: string): void {
    this.step.state = "done";
    if (message !== undefined) this.step.message = message;
    this.send(this.step);
  }

  fail(message: string): void {
    this.step.state = "failed";
    this.step.message = message;
    this.send(this.step);
  }
}

/**
 * The steps of one compose command, each sent on the call's progress channel as
 * `{ phase: "compose", status: step.action, step }` whenever it changes.
 */
export class ComposeSteps {
  private readonly list: ComposeStep[] = [];

  constructor(
    private readonly emit: ((progress: Progress) => void) | undefined,
    /** An error in words for a failed step (the engine's words for an engine error). */
    private readonly describe: (err: unknown) => string,
  ) {}

  begin(start: StepStart): RunningStep {
    const step: ComposeStep = { ...start, state: "running" };
    this.list.push(step);
    const running = new RunningStep(step, (s) => this.send(s));
    this.send(step);
    return running;
  }

  /** A step that is over as soon as it is known (an orphan kept, a container left as it is). */
  record(start: StepStart): void {
    this.send(this.pushDone(start));
  }

  /** Runs `work` as one step: done when it resolves, failed with the error's words when it throws. */
  async run<T>(start: StepStart, work: (step: RunningStep) => Promise<T>): Promise<T> {
    const step = this.begin(start);
    try {
      const result = await work(step);
      step.done();
      return result;
    } catch (err) {
      step.fail(this.describe(err));
      throw err;
    }
  }

  get steps(): ComposeStep[] {
    return this.list.map((s) => ({ ...s }));
  }

  private pushDone(start: StepStart): ComposeStep {
    const step: ComposeStep = { ...start, state: "done" };
    this.list.push(step);
    return step;
  }

  private send(step: ComposeStep): void {
    this.emit?.({ phase: "compose", status: step.action, step: { ...step } });
  }
}
