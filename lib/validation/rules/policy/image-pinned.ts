/**
 * `policy/image-pinned`: images are pinned to a digest or a tag that names one release (`isPinnedTag`, values/image-reference).
 */
import { imagePinProblem } from '../../../values/image-reference';
import { asString } from '../../checks/shape';
import { forbidden } from '../../problem';
import { objectRule, ObjectRule, perContainer } from '../rule';

/** The `policy/image-pinned` rule. */
export const RULE: ObjectRule<'policy/image-pinned'> = objectRule({
  id: 'policy/image-pinned',
  info: {
    severity: 'error',
    relaxable: true,
    what: 'images are pinned: a digest (name@sha256:<64 hex>), or a tag that names one release: a version of at least two numbers, MAJOR.MINOR[.PATCH], with an optional v and suffix (1.25.3, v0.29.0, 16.1-bookworm, 5.0.14-alpine), a date (jammy-20240111) or a commit id (sha-3f9c2e1). Floating: no tag, latest, a name (alpine, apache, stable), a major version only (10, v5, 10-focal), a range (1.2.x)',
    why: 'a floating tag changes under you: the same manifests deploy different code, and a rollback pulls whatever the tag points to now. MAJOR.MINOR passes because many projects release with two numbers (postgres:16.1); for one that publishes patches (redis:7.2 follows 7.2.x), pin the patch or a digest',
  },
  appliesTo: 'pods',
  check: perContainer((c) => {
    const image = asString(c.container.image);
    if (image === undefined || image.length === 0) return []; // values/required reports a missing image
    const problem = imagePinProblem(image);
    if (problem === undefined) return [];
    const at = image.indexOf('@');
    const name = at >= 0 ? image.slice(0, at) : image;
    const repository = name.slice(0, name.lastIndexOf(':') > name.lastIndexOf('/') ? name.lastIndexOf(':') : undefined);
    return [
      forbidden(
        c.path.child('image'),
        `image '${image}' ${problem}`,
        `pin a version tag (MAJOR.MINOR.PATCH, e.g. ${repository}:1.2.3) or a digest (${repository}@sha256:<digest>; ` +
          `'crane digest ${name}' or 'docker buildx imagetools inspect ${name}' prints it)`,
      ),
    ];
  }),
});
