import { describe, expect, it } from 'vitest';
import * as service from '../../services/practices/vocabulary';
import { IACC_SUBJECTS, PRACTICE_LANGUAGES } from '../../app/components/practice-form';

// The form keeps its own copy of the service's vocabularies (app/ takes no values from services/): they must not drift.
describe('good-practice form vocabularies', () => {
  it('offer exactly the subjects and languages the service accepts', () => {
    expect([...IACC_SUBJECTS]).toEqual([...service.IACC_SUBJECTS]);
    expect([...PRACTICE_LANGUAGES]).toEqual([...service.PRACTICE_LANGUAGES]);
  });
});
