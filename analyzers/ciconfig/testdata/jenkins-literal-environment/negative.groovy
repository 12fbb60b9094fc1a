pipeline {
  agent any
  environment {
    NPM_TOKEN = credentials('npm-token')
    API_KEY = "${env.API_KEY_FROM_PARAM}"
    // SECRET_TOKEN = '@@TOKEN:commented@@'
    /* GITHUB_TOKEN = '@@TOKEN:blockcomment@@' */
    SONAR_TOKEN = "$SONAR"
    GIT_COMMIT_SHORT = sh(script: 'git rev-parse --short HEAD', returnStdout: true).trim()
  }
  stages {
    stage('Build') {
      steps {
        withCredentials([string(credentialsId: 'tok', variable: 'TOKEN')]) {
          sh 'make'
        }
        script {
          def DEPLOY_TOKEN = '@@TOKEN:local@@' // not an environment block
        }
        echo "environment { AWS_SECRET_ACCESS_KEY = '@@SECRET40:instring@@' }"
      }
    }
  }
}
