/** One named thing to fix, as the API's 400/422 problems and the renderer's findings name it. */
export interface FieldProblem {
  field: string;
  message: string;
  /** Where a JSON syntax error is. */
  line?: number;
  column?: number;
}

/** An RFC 9457 problem+json answer of the console API. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  field?: string;
  problems?: FieldProblem[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
  }

  get isNotAnAuthor(): boolean {
    return this.status === 403 && (this.problem.type ?? '').endsWith('not-an-author');
  }

  /** The problems named field by field (a 400 names one `field`; a 422 lists `problems`), as the draft's own fields (`PUT`'s `draft.title` is `title`). */
  get fieldProblems(): FieldProblem[] {
    const named = this.problem.problems?.length ? this.problem.problems : this.problem.field ? [{ field: this.problem.field, message: this.problem.detail ?? this.problem.title ?? '' }] : [];
    return named.map((problem) => ({ ...problem, field: problem.field.replace(/^draft\./, '') }));
  }
}
